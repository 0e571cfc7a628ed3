import hashlib
import hmac

from django.conf import settings
from django.http import HttpResponseForbidden, JsonResponse
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt  # error: BL605 "session cookies"
def change_email(request):
    request.user.email = request.POST["email"]
    request.user.save()
    return JsonResponse({"ok": True})


@csrf_exempt
def stripe_webhook(request):
    return JsonResponse({"received": True})


@csrf_exempt
def partner_push(request):
    digest = hmac.new(settings.PARTNER_SECRET, request.body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(digest, request.headers.get("X-Signature", "")):
        return HttpResponseForbidden()
    return JsonResponse({"ok": True})
