from django.urls import path
from django.views.decorators.cache import cache_page

from . import views

urlpatterns = [
    path("", views.page),
    path("cached/", cache_page(300)(views.page)),
]
