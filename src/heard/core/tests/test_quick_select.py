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


def test_quick_radio_select_writes_the_same_markup_as_django_radio_select():
    from heard.core.forms import QuickRadioSelect

    flat = [(str(n), str(n)) for n in range(1, 11)]
    grouped = [("Near <ones>", [("a&b", 'say "yes"'), ("c", "c")]), ("d", "plain d")]
    for choices in (flat, grouped):
        for value in (None, "3", "a&b", "not a choice"):
            for base in ({}, {"class": "rating"}):
                for attrs in ({}, {"id": "id_rating_1"}, {"id": "x", "required": True}):
                    django_html = forms.RadioSelect(attrs=dict(base), choices=choices).render(
                        "rating", value, attrs=dict(attrs)
                    )
                    quick_html = QuickRadioSelect(attrs=dict(base), choices=choices).render(
                        "rating", value, attrs=dict(attrs)
                    )
                    assert quick_html == django_html, (choices, value, base, attrs)


def test_quick_select_over_fixed_choices_remembers_nothing_but_its_inputs():
    """The markup over FixedChoices is remembered by everything it depends on: each value and
    attribute set still gets Django's own markup, in any order, however often."""
    from heard.core.forms import FixedChoices

    items = [("", "Choose a word"), ("Calm", [("calm", "calm"), ("at ease", "at ease")])]
    fixed = FixedChoices(items, key=("test-choices", 1))
    cases = [(v, a) for v in (None, "calm", "at ease", "") for a in ({}, {"required": True})]
    for _ in range(2):
        for value, attrs in cases:
            django_html = forms.Select(choices=items).render("feeling", value, attrs=dict(attrs))
            quick_html = QuickSelect(choices=fixed).render("feeling", value, attrs=dict(attrs))
            assert quick_html == django_html, (value, attrs)
    other = FixedChoices([("", "Pick"), ("sad", "sad")], key=("test-choices", 2))
    assert "sad" in QuickSelect(choices=other).render("feeling", None)
    assert "calm" not in QuickSelect(choices=other).render("feeling", None)


def test_check_in_form_validates_feelings_from_fixed_choices():
    from heard.daily.forms import CheckInForm
    from heard.daily.selectors import feeling_groups

    word = feeling_groups()[0][1][0]
    assert CheckInForm({"feeling": word}, bonds=[]).is_valid()
    assert not CheckInForm({"feeling": "not a feeling word"}, bonds=[]).is_valid()
