from django.db import migrations


class Migration(migrations.Migration):
    # counsel 0002 first turns each flag into per-item shares.
    dependencies = [
        ("safety", "0002_event_seen_in_full"),
        ("counsel", "0002_safety_shares_per_item"),
    ]

    operations = [
        migrations.RemoveField(model_name="safetyevent", name="shared_with_counsellor"),
    ]
