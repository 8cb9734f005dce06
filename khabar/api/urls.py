from django.urls import path

from khabar.api import most_read, views

app_name = "api"

urlpatterns = [
    path("search", views.search, name="search"),
    path("most-read", most_read.most_read_list, name="most-read"),
]
