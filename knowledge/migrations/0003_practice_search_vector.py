"""The library's full-text index: a tsvector column on practices with a GIN index.

The index is PostgreSQL-only (SQLite, for ``make run``, searches through Wagtail's
backend), so it is in the migration state everywhere but created on PostgreSQL only.
Existing practices are indexed here with a frozen copy of knowledge.fulltext's statement;
``manage.py library_search_index`` does the same with the current code.
"""
import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

# fastupdate off: new entries go straight into the index instead of a pending list that
# every search must scan (and that makes the planner avoid the index) until a vacuum.
INDEX = django.contrib.postgres.indexes.GinIndex(fields=["search_vector"],
                                                 name="practice_search_vector_gin",
                                                 fastupdate=False)
UPDATE_SQL = """
UPDATE knowledge_goodpracticepage AS practice
SET search_vector = CASE WHEN page.live THEN
       setweight(to_tsvector('english'::regconfig, coalesce(page.title, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(practice.summary, '')), 'B')
    || setweight(to_tsvector('english'::regconfig,
                             concat_ws(' ', practice.description, body.text)), 'C')
    || setweight(to_tsvector('english'::regconfig,
                             concat_ws(' ', practice.region, practice.organisation,
                                       practice.evidence, practice.lessons,
                                       practice.transfer_potential)), 'D')
    END
FROM wagtailcore_page AS page, unnest(%s::integer[], %s::text[]) AS body(id, text)
WHERE page.id = practice.page_ptr_id AND practice.page_ptr_id = body.id
"""


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    practice_model = apps.get_model("knowledge", "GoodPracticePage")
    schema_editor.add_index(practice_model, INDEX)
    body_field = practice_model._meta.get_field("body")
    ids, bodies = [], []
    for practice in practice_model.objects.only("pk", "body").iterator():
        ids.append(practice.pk)
        bodies.append(" ".join(text for text in body_field.get_searchable_content(
            practice.body) if text))
    if ids:
        schema_editor.execute(UPDATE_SQL, [ids, bodies])


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("knowledge", "GoodPracticePage"), INDEX)


class Migration(migrations.Migration):

    dependencies = [
        ("knowledge", "0002_menus_expert_opinion_task"),
    ]

    operations = [
        migrations.AddField(
            model_name="goodpracticepage",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(model_name="goodpracticepage", index=INDEX)],
            database_operations=[migrations.RunPython(create_index, drop_index)],
        ),
    ]
