"""Each label gets a column per language; rows made before keep their text as the English one."""

from django.db import migrations, models

from clusterpolisee.core.labels import copy_original_to_english


class Migration(migrations.Migration):

    dependencies = [
        ('matchmaking', '0003_stakeholder_organisation_profiles'),
    ]

    operations = [
        migrations.AddField(
            model_name='sector',
            name='name_bg',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='sector',
            name='name_de',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='sector',
            name='name_el',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='sector',
            name='name_en',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='sector',
            name='name_hr',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='sector',
            name='name_hu',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='sector',
            name='name_it',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='sector',
            name='name_ro',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='sector',
            name='name_sk',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='sector',
            name='name_sl',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='sector',
            name='name_sq',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='sector',
            name='name_sr',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='sector',
            name='name_sr_latn',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.RunPython(copy_original_to_english('matchmaking', {'Sector': ('name',)}),
                             migrations.RunPython.noop),
    ]
