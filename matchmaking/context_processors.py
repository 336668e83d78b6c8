"""Whether the nav shows "Matchmaking"; a callable, so that pages not rendering it pay
nothing."""
from clusterpolisee.core.permissions import allowed


def matchmaking(request):
    user = getattr(request, "user", None)
    return {"show_matchmaking_nav": lambda: bool(
        user and allowed(user, "matchmaking.use_matchmaking"))}
