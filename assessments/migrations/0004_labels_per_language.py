"""Each label gets a column per language; rows made before keep their text as the English one."""

from django.db import migrations, models

from clusterpolisee.core.labels import copy_original_to_english


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0003_editors_manage_the_framework'),
    ]

    operations = [
        migrations.AddField(
            model_name='criterion',
            name='guidance_bg',
            field=models.TextField(blank=True, help_text='What evidence answers this criterion.', null=True, verbose_name='guidance'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='guidance_de',
            field=models.TextField(blank=True, help_text='What evidence answers this criterion.', null=True, verbose_name='guidance'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='guidance_el',
            field=models.TextField(blank=True, help_text='What evidence answers this criterion.', null=True, verbose_name='guidance'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='guidance_en',
            field=models.TextField(blank=True, help_text='What evidence answers this criterion.', null=True, verbose_name='guidance'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='guidance_hr',
            field=models.TextField(blank=True, help_text='What evidence answers this criterion.', null=True, verbose_name='guidance'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='guidance_hu',
            field=models.TextField(blank=True, help_text='What evidence answers this criterion.', null=True, verbose_name='guidance'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='guidance_it',
            field=models.TextField(blank=True, help_text='What evidence answers this criterion.', null=True, verbose_name='guidance'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='guidance_ro',
            field=models.TextField(blank=True, help_text='What evidence answers this criterion.', null=True, verbose_name='guidance'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='guidance_sk',
            field=models.TextField(blank=True, help_text='What evidence answers this criterion.', null=True, verbose_name='guidance'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='guidance_sl',
            field=models.TextField(blank=True, help_text='What evidence answers this criterion.', null=True, verbose_name='guidance'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='guidance_sq',
            field=models.TextField(blank=True, help_text='What evidence answers this criterion.', null=True, verbose_name='guidance'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='guidance_sr',
            field=models.TextField(blank=True, help_text='What evidence answers this criterion.', null=True, verbose_name='guidance'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='guidance_sr_latn',
            field=models.TextField(blank=True, help_text='What evidence answers this criterion.', null=True, verbose_name='guidance'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='title_bg',
            field=models.CharField(max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='title_de',
            field=models.CharField(max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='title_el',
            field=models.CharField(max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='title_en',
            field=models.CharField(max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='title_hr',
            field=models.CharField(max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='title_hu',
            field=models.CharField(max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='title_it',
            field=models.CharField(max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='title_ro',
            field=models.CharField(max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='title_sk',
            field=models.CharField(max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='title_sl',
            field=models.CharField(max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='title_sq',
            field=models.CharField(max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='title_sr',
            field=models.CharField(max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='title_sr_latn',
            field=models.CharField(max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='description_bg',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='description_de',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='description_el',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='description_en',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='description_hr',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='description_hu',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='description_it',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='description_ro',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='description_sk',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='description_sl',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='description_sq',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='description_sr',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='description_sr_latn',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='title_bg',
            field=models.CharField(max_length=150, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='title_de',
            field=models.CharField(max_length=150, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='title_el',
            field=models.CharField(max_length=150, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='title_en',
            field=models.CharField(max_length=150, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='title_hr',
            field=models.CharField(max_length=150, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='title_hu',
            field=models.CharField(max_length=150, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='title_it',
            field=models.CharField(max_length=150, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='title_ro',
            field=models.CharField(max_length=150, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='title_sk',
            field=models.CharField(max_length=150, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='title_sl',
            field=models.CharField(max_length=150, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='title_sq',
            field=models.CharField(max_length=150, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='title_sr',
            field=models.CharField(max_length=150, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='dimension',
            name='title_sr_latn',
            field=models.CharField(max_length=150, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='framework',
            name='description_bg',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='framework',
            name='description_de',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='framework',
            name='description_el',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='framework',
            name='description_en',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='framework',
            name='description_hr',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='framework',
            name='description_hu',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='framework',
            name='description_it',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='framework',
            name='description_ro',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='framework',
            name='description_sk',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='framework',
            name='description_sl',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='framework',
            name='description_sq',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='framework',
            name='description_sr',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='framework',
            name='description_sr_latn',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='framework',
            name='name_bg',
            field=models.CharField(help_text='E.g. ClusterPoliSEE cluster-policy framework.', max_length=120, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='framework',
            name='name_de',
            field=models.CharField(help_text='E.g. ClusterPoliSEE cluster-policy framework.', max_length=120, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='framework',
            name='name_el',
            field=models.CharField(help_text='E.g. ClusterPoliSEE cluster-policy framework.', max_length=120, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='framework',
            name='name_en',
            field=models.CharField(help_text='E.g. ClusterPoliSEE cluster-policy framework.', max_length=120, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='framework',
            name='name_hr',
            field=models.CharField(help_text='E.g. ClusterPoliSEE cluster-policy framework.', max_length=120, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='framework',
            name='name_hu',
            field=models.CharField(help_text='E.g. ClusterPoliSEE cluster-policy framework.', max_length=120, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='framework',
            name='name_it',
            field=models.CharField(help_text='E.g. ClusterPoliSEE cluster-policy framework.', max_length=120, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='framework',
            name='name_ro',
            field=models.CharField(help_text='E.g. ClusterPoliSEE cluster-policy framework.', max_length=120, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='framework',
            name='name_sk',
            field=models.CharField(help_text='E.g. ClusterPoliSEE cluster-policy framework.', max_length=120, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='framework',
            name='name_sl',
            field=models.CharField(help_text='E.g. ClusterPoliSEE cluster-policy framework.', max_length=120, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='framework',
            name='name_sq',
            field=models.CharField(help_text='E.g. ClusterPoliSEE cluster-policy framework.', max_length=120, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='framework',
            name='name_sr',
            field=models.CharField(help_text='E.g. ClusterPoliSEE cluster-policy framework.', max_length=120, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='framework',
            name='name_sr_latn',
            field=models.CharField(help_text='E.g. ClusterPoliSEE cluster-policy framework.', max_length=120, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='level',
            name='descriptor_bg',
            field=models.CharField(help_text='What this maturity level looks like.', max_length=300, null=True, verbose_name='descriptor'),
        ),
        migrations.AddField(
            model_name='level',
            name='descriptor_de',
            field=models.CharField(help_text='What this maturity level looks like.', max_length=300, null=True, verbose_name='descriptor'),
        ),
        migrations.AddField(
            model_name='level',
            name='descriptor_el',
            field=models.CharField(help_text='What this maturity level looks like.', max_length=300, null=True, verbose_name='descriptor'),
        ),
        migrations.AddField(
            model_name='level',
            name='descriptor_en',
            field=models.CharField(help_text='What this maturity level looks like.', max_length=300, null=True, verbose_name='descriptor'),
        ),
        migrations.AddField(
            model_name='level',
            name='descriptor_hr',
            field=models.CharField(help_text='What this maturity level looks like.', max_length=300, null=True, verbose_name='descriptor'),
        ),
        migrations.AddField(
            model_name='level',
            name='descriptor_hu',
            field=models.CharField(help_text='What this maturity level looks like.', max_length=300, null=True, verbose_name='descriptor'),
        ),
        migrations.AddField(
            model_name='level',
            name='descriptor_it',
            field=models.CharField(help_text='What this maturity level looks like.', max_length=300, null=True, verbose_name='descriptor'),
        ),
        migrations.AddField(
            model_name='level',
            name='descriptor_ro',
            field=models.CharField(help_text='What this maturity level looks like.', max_length=300, null=True, verbose_name='descriptor'),
        ),
        migrations.AddField(
            model_name='level',
            name='descriptor_sk',
            field=models.CharField(help_text='What this maturity level looks like.', max_length=300, null=True, verbose_name='descriptor'),
        ),
        migrations.AddField(
            model_name='level',
            name='descriptor_sl',
            field=models.CharField(help_text='What this maturity level looks like.', max_length=300, null=True, verbose_name='descriptor'),
        ),
        migrations.AddField(
            model_name='level',
            name='descriptor_sq',
            field=models.CharField(help_text='What this maturity level looks like.', max_length=300, null=True, verbose_name='descriptor'),
        ),
        migrations.AddField(
            model_name='level',
            name='descriptor_sr',
            field=models.CharField(help_text='What this maturity level looks like.', max_length=300, null=True, verbose_name='descriptor'),
        ),
        migrations.AddField(
            model_name='level',
            name='descriptor_sr_latn',
            field=models.CharField(help_text='What this maturity level looks like.', max_length=300, null=True, verbose_name='descriptor'),
        ),
        migrations.AddConstraint(
            model_name='framework',
            constraint=models.UniqueConstraint(fields=('name_en', 'version'), name='one_framework_per_name_and_version-en'),
        ),
        migrations.AddConstraint(
            model_name='framework',
            constraint=models.UniqueConstraint(fields=('name_bg', 'version'), name='one_framework_per_name_and_version-bg'),
        ),
        migrations.AddConstraint(
            model_name='framework',
            constraint=models.UniqueConstraint(fields=('name_de', 'version'), name='one_framework_per_name_and_version-de'),
        ),
        migrations.AddConstraint(
            model_name='framework',
            constraint=models.UniqueConstraint(fields=('name_el', 'version'), name='one_framework_per_name_and_version-el'),
        ),
        migrations.AddConstraint(
            model_name='framework',
            constraint=models.UniqueConstraint(fields=('name_hr', 'version'), name='one_framework_per_name_and_version-hr'),
        ),
        migrations.AddConstraint(
            model_name='framework',
            constraint=models.UniqueConstraint(fields=('name_hu', 'version'), name='one_framework_per_name_and_version-hu'),
        ),
        migrations.AddConstraint(
            model_name='framework',
            constraint=models.UniqueConstraint(fields=('name_it', 'version'), name='one_framework_per_name_and_version-it'),
        ),
        migrations.AddConstraint(
            model_name='framework',
            constraint=models.UniqueConstraint(fields=('name_ro', 'version'), name='one_framework_per_name_and_version-ro'),
        ),
        migrations.AddConstraint(
            model_name='framework',
            constraint=models.UniqueConstraint(fields=('name_sk', 'version'), name='one_framework_per_name_and_version-sk'),
        ),
        migrations.AddConstraint(
            model_name='framework',
            constraint=models.UniqueConstraint(fields=('name_sl', 'version'), name='one_framework_per_name_and_version-sl'),
        ),
        migrations.AddConstraint(
            model_name='framework',
            constraint=models.UniqueConstraint(fields=('name_sq', 'version'), name='one_framework_per_name_and_version-sq'),
        ),
        migrations.AddConstraint(
            model_name='framework',
            constraint=models.UniqueConstraint(fields=('name_sr', 'version'), name='one_framework_per_name_and_version-sr'),
        ),
        migrations.AddConstraint(
            model_name='framework',
            constraint=models.UniqueConstraint(fields=('name_sr_latn', 'version'), name='one_framework_per_name_and_version-sr-latn'),
        ),
        migrations.RunPython(copy_original_to_english('assessments', {'Framework': ('name', 'description'), 'Dimension': ('title', 'description'), 'Criterion': ('title', 'guidance'), 'Level': ('descriptor',)}),
                             migrations.RunPython.noop),
    ]
