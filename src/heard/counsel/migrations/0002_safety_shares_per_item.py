"""The safety history's single "shared with counsellor" flag becomes one ItemShare per
detection, per active counsellor connection of its writer (safety 0003 then drops the flag).
A flag set with no counsellor connected shares nothing: there is nobody to share it with."""

from django.db import migrations


def flags_to_item_shares(apps, schema_editor):
    SafetyEvent = apps.get_model("safety", "SafetyEvent")
    Connection = apps.get_model("counsel", "Connection")
    ItemShare = apps.get_model("counsel", "ItemShare")
    for event in SafetyEvent.objects.filter(shared_with_counsellor=True).iterator():
        for connection in Connection.objects.filter(client_id=event.user_id, status="active"):
            ItemShare.objects.get_or_create(
                connection=connection, kind="safety_detection", object_id=event.pk
            )


def item_shares_to_flags(apps, schema_editor):
    SafetyEvent = apps.get_model("safety", "SafetyEvent")
    ItemShare = apps.get_model("counsel", "ItemShare")
    ids = ItemShare.objects.filter(kind="safety_detection").values_list("object_id", flat=True)
    SafetyEvent.objects.filter(pk__in=list(ids)).update(shared_with_counsellor=True)


class Migration(migrations.Migration):
    dependencies = [
        ("counsel", "0001_initial"),
        ("safety", "0002_event_seen_in_full"),
    ]

    operations = [migrations.RunPython(flags_to_item_shares, item_shares_to_flags)]
