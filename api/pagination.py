"""Cursor pagination everywhere: stable under inserts, no COUNT query, opaque cursors."""
from rest_framework.pagination import CursorPagination


class ApiCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_ordering(self, request, queryset, view):
        # each view names a unique key (the id, newest or oldest first) so cursors never skip
        return (getattr(view, "cursor_ordering", "-id"),)
