"""Whether the nav shows "Matchmaking" and the coordinators' link; callables, so that pages
not rendering them pay nothing."""
from .permissions import can_moderate_matchmaking, can_use_matchmaking


def matchmaking(request):
    user = getattr(request, "user", None)
    return {"show_matchmaking_nav": lambda: bool(user and can_use_matchmaking(user)),
            "matchmaking_moderator": lambda: bool(user and can_moderate_matchmaking(user))}
