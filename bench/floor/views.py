from django.contrib.auth.models import User
from django.shortcuts import render


def page(request):
    rows = list(User.objects.order_by("id").only("id", "username", "email")[:20])
    return render(request, "floor.html", {"rows": rows})
