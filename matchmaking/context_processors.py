"""Whether the nav shows "Matchmaking"; a callable, so that pages not rendering it pay
nothing."""


def matchmaking(request):
    user = getattr(request, "user", None)
    return {"show_matchmaking_nav": lambda: bool(
        user and user.has_perm("matchmaking.use_matchmaking"))}
