"""BL602: a DRF view that accepts writes from anyone (project rule)."""

from __future__ import annotations

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Confidence, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.knowledge.auth import DRF_OPEN_PERMISSIONS
from backendlint.practices.access_control.base import AccessProjectRule
from backendlint.practices.access_control.vocabulary import names_public_purpose


class DrfWriteViewOpenToAnyone(AccessProjectRule):
    """## What it does
    Checks for Django REST framework views and viewsets that accept writes (`POST`, `PUT`,
    `PATCH`, `DELETE`: a create, update or destroy mixin, a `ModelViewSet`, or a `post()`
    handler) and let anyone in: `permission_classes = [AllowAny]` or `[]`, or no
    `permission_classes` in a project whose settings leave `DEFAULT_PERMISSION_CLASSES` unset
    (DRF then allows any request). Views whose purpose is to be public (sign-up, login,
    password reset, token, webhook: by the class name) are not reported.

    ## Why is this bad?
    DRF's default permission is `AllowAny`. A viewset added without `permission_classes`, in
    a project that never set a default, lets an anonymous client create, change or delete
    rows.

    ## Example
    ```python
    from rest_framework import viewsets
    from rest_framework.permissions import AllowAny

    from shop.models import Order
    from shop.serializers import OrderSerializer


    class OrderViewSet(viewsets.ModelViewSet):
        queryset = Order.objects.all()
        serializer_class = OrderSerializer
        permission_classes = [AllowAny]
    ```

    Use instead:
    ```python
    from rest_framework import viewsets
    from rest_framework.permissions import IsAuthenticated

    from shop.models import Order
    from shop.serializers import OrderSerializer


    class OrderViewSet(viewsets.ModelViewSet):
        queryset = Order.objects.all()
        serializer_class = OrderSerializer
        permission_classes = [IsAuthenticated]
    ```

    ## Options
    - `public` in `[tool.backendlint.access-control]`: views meant to be open to anyone.

    ## Fix safety
    There is no fix: the right permission is the project's decision.
    """

    code = "BL602"
    name = "drf-write-view-open-to-anyone"
    severity = Severity.ERROR
    confidence = Confidence.HIGH
    cwe = 284

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        analysis = cls.analysis(project, options)
        defaults_unset = analysis.drf_settings_seen and not analysis.default_permissions
        for view in analysis.drf_views:
            if names_public_purpose(view.name):
                continue
            writes = "/".join(sorted(view.writes))
            if view.explicit and view.permission_classes is not None and set(
                    view.permission_classes) <= DRF_OPEN_PERMISSIONS:
                listed = ", ".join(view.permission_classes) or "nothing"
                project.report(cls, view.path, view.span,
                               f"`{view.name}` accepts {writes} from anyone "
                               f"(`permission_classes` lists {listed}); require a permission "
                               "such as `IsAuthenticated`")
            elif not view.explicit and defaults_unset:
                project.report(cls, view.path, view.span,
                               f"`{view.name}` accepts {writes} and sets no "
                               "`permission_classes`, and the settings leave "
                               "`DEFAULT_PERMISSION_CLASSES` unset, so DRF allows anyone; set "
                               "one of them", confidence=Confidence.MEDIUM)
