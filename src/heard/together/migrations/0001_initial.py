"""LoveLanguageResult and Appreciation, moved from checkup: the tables were renamed there
(checkup 0003), so this adds the models to together's state with their old index names,
then renames the indexes to the names a new install would give them."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import heard.core.crypto


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("bonds", "0001_initial"),
        ("checkup", "0003_move_models_out"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="LoveLanguageResult",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kind", models.CharField(choices=[("partner", "Partner"), ("friend", "Friend"), ("family", "Family")], max_length=10)),
                        ("answers", models.JSONField(default=dict)),
                        ("scores", models.JSONField(default=dict, help_text="language -> 0-100")),
                        ("shared", models.BooleanField(default=False)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("bond", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="bonds.bond")),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="love_language_results", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "ordering": ["-created_at", "-pk"],
                        "indexes": [models.Index(fields=["user", "bond", "-created_at"], name="checkup_lov_user_id_7d7da2_idx")],
                    },
                ),
                migrations.CreateModel(
                    name="Appreciation",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("text", heard.core.crypto.EncryptedTextField()),
                        ("idea_id", models.CharField(blank=True, max_length=60)),
                        ("status", models.CharField(choices=[("sent", "Sent"), ("held", "Waiting for your choice"), ("private", "Kept private")], max_length=10)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("sent_at", models.DateTimeField(blank=True, null=True)),
                        ("submission_key", models.UUIDField(blank=True, editable=False, null=True)),
                        ("bond", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="bonds.bond")),
                        ("recipient", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="appreciations_received", to=settings.AUTH_USER_MODEL)),
                        ("sender", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="appreciations_sent", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "ordering": ["-created_at", "-pk"],
                        "indexes": [
                            models.Index(fields=["bond", "recipient", "status"], name="checkup_app_bond_id_2c1ef5_idx"),
                            models.Index(fields=["bond", "sender"], name="checkup_app_bond_id_b3d922_idx"),
                        ],
                        "constraints": [
                            models.UniqueConstraint(condition=models.Q(("submission_key__isnull", False)), fields=("sender", "submission_key"), name="appreciation_submitted_once"),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        # The names a new install gives these indexes (they were named after checkup's tables).
        migrations.RenameIndex(
            model_name="appreciation",
            new_name="together_ap_bond_id_3c6d4b_idx",
            old_name="checkup_app_bond_id_2c1ef5_idx",
        ),
        migrations.RenameIndex(
            model_name="appreciation",
            new_name="together_ap_bond_id_3dd2b5_idx",
            old_name="checkup_app_bond_id_b3d922_idx",
        ),
        migrations.RenameIndex(
            model_name="lovelanguageresult",
            new_name="together_lo_user_id_1ba834_idx",
            old_name="checkup_lov_user_id_7d7da2_idx",
        ),
    ]
