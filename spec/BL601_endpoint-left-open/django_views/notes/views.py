from django.contrib.auth.decorators import login_required
from django.http import JsonResponse


@login_required
def note_list(request):
    return JsonResponse({"notes": []})


@login_required
def note_detail(request, pk):
    return JsonResponse({"id": pk})


def note_export(request, pk):  # error: BL601
    return JsonResponse({"id": pk})


def signup(request):
    return JsonResponse({})
