"""Portal pages that read across every app: "needs you", search, the Markdown preview.

Not a Django app (no models); it sits above the feature apps, like ``clusterpolisee.views``.
"""
