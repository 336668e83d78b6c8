"""URL converters for ids. An id no row can have answers 404 at the URL resolver, before
a query: PostgreSQL refuses integers beyond its column type ("integer out of range"),
which would otherwise be a 500 wherever the id reaches a foreign key or raw SQL."""


class IdConverter:
    """``<id:pk>``: a row id of this project's tables (BigAutoField, 64-bit)."""

    regex = "[0-9]{1,19}"
    largest = 2**63 - 1

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > self.largest:
            raise ValueError("no row has this id")  # the pattern does not match: 404
        return number

    def to_url(self, value) -> str:
        return str(int(value))


class PageIdConverter(IdConverter):
    """``<page_id:pk>``: a Wagtail page id (Wagtail's pages use a 32-bit AutoField)."""

    regex = "[0-9]{1,10}"
    largest = 2**31 - 1
