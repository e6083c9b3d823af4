import heard.core.crypto
from django.db import migrations


def encrypt_names(apps, schema_editor):
    """Names stored before this were plaintext; the field reads both, so encrypt them now."""
    from heard.core.crypto import PREFIX, encrypt

    table = apps.get_model("accounts", "ApiToken")._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, name FROM {table}")  # noqa: S608 - our own table
        for row_id, name in cursor.fetchall():
            if name is not None and not name.startswith(PREFIX):
                cursor.execute(
                    f"UPDATE {table} SET name = %s WHERE id = %s",  # noqa: S608
                    [encrypt(name), row_id],
                )


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0005_api_token_expiry"),
    ]

    operations = [
        migrations.AlterField(
            model_name="apitoken",
            name="name",
            field=heard.core.crypto.EncryptedTextField(),
        ),
        migrations.RunPython(encrypt_names, migrations.RunPython.noop),
    ]
