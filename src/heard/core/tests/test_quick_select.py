from django import forms

from heard.core.forms import QuickSelect


def test_quick_select_writes_the_same_markup_as_django_select():
    choices = [
        ("", "Choose a word"),
        ("Calm", [("calm", "calm"), ("at ease", "at ease")]),
        ("Hard <ones>", [("a&b", 'say "no"')]),
    ]
    for value in (None, "calm", "a&b"):
        for attrs in ({}, {"required": True, "aria-describedby": "x"}):
            django_html = forms.Select(choices=choices).render("feeling", value, attrs=dict(attrs))
            quick_html = QuickSelect(choices=choices).render("feeling", value, attrs=dict(attrs))
            assert quick_html == django_html
