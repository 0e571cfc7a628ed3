from shop.models import Setting


def test_each_key(keys):
    for key in keys:
        assert Setting.objects.get(key=key).value
