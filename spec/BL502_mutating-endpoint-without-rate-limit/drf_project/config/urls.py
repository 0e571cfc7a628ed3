from django.urls import path
from rest_framework import routers

from catalog.views import ProductViewSet, ReviewView, export_catalog, search

router = routers.SimpleRouter()
router.register("products", ProductViewSet)

urlpatterns = router.urls + [
    path("products/<int:pk>/reviews/", ReviewView.as_view()),
    path("search/", search),
    path("export/", export_catalog),
]
