"""Signal receivers: a Steering Committee vote that closes settles the version it was on."""


def decision_closed(sender, instance, created, raw=False, **kwargs):
    if not created or raw or instance.verb != "sc.decision_closed" or not instance.target_id:
        return
    from .models import Version
    from .services import version_settle

    # the close and the adoption share the vote's transaction: both happen or neither
    for version in Version.objects.filter(decision_id=instance.target_id,
                                          state=Version.State.IN_VOTE):
        version_settle(version=version)
