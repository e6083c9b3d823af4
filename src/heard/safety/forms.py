from django import forms

from heard.safety.services import SCREENING_QUESTIONS

YES_NO = [("no", "No"), ("yes", "Yes")]


class ScreeningForm(forms.Form):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for key, question in SCREENING_QUESTIONS:
            self.fields[key] = forms.ChoiceField(
                label=question, choices=YES_NO, widget=forms.RadioSelect
            )

    def answers(self) -> dict[str, bool]:
        return {key: self.cleaned_data[key] == "yes" for key, _ in SCREENING_QUESTIONS}


class CheckForm(forms.Form):
    text = forms.CharField(max_length=5000)
