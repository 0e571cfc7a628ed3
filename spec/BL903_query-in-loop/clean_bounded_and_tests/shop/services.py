from shop.models import Setting

KEYS = ("currency", "timezone")


def defaults():
    return {key: Setting.objects.get(key=key).value for key in ["currency", "timezone"]}


def first_three():
    return [Setting.objects.filter(pk=index).first() for index in range(3)]


def lookup(keys):
    settings = Setting.objects.in_bulk(keys, field_name="key")
    return [settings[key].value for key in keys if key in settings]


def poll(key):
    while True:
        found = Setting.objects.filter(key=key).first()
        if found is not None:
            return found


def not_a_model(rows, cache):
    for row in rows:
        cache.objects.get(row)
        row.save()


class Kinds:
    CHOICES = (("a", "A"), ("b", "B"))


def per_choice():
    return [Setting.objects.filter(key=key).first() for key, _ in Kinds.CHOICES]


def per_constant():
    return {key: Setting.objects.get(key=key) for key in KEYS}


def refreshed(rows):
    for row in rows:
        row = Setting.objects.get(pk=row.pk)
        row.value = row.value.strip()


def per_size(settings, image):
    for size in sorted(settings.AVATAR_SIZES, reverse=True):
        Setting.objects.create(key=f"avatar-{size}", value=image)
