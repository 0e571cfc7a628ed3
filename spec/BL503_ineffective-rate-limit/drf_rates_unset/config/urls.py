from django.urls import path

from api.views import OrderView

urlpatterns = [path("orders/", OrderView.as_view())]
