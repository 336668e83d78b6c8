"""allauth's authentication backend, loading the user's partner with the user.

Every portal page needs the membership (navigation, permission checks), and for people
without a partner the stakeholder profile (is the stakeholder approved? the matchmaking
link asks); fetching them with the user saves those queries on each request.
"""
from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id):
        user = (get_user_model()._default_manager
                .select_related("membership__partner", "stakeholder_profile")
                .filter(pk=user_id).first())
        return user if user is not None and self.user_can_authenticate(user) else None
