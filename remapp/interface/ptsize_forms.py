"""Forms of the patient-size import: the CSV upload, then the choice of columns and identifier type."""

from django import forms

from remapp.ptsize.csvfile import PatientSizeCsvError, check_file_size
from remapp.ptsize.outcomes import IdType

# Words that usually appear in RIS column titles; used only to pre-select the likely column.
_GUESS_WORDS = {
    "id_column": ("accession", "acc"),
    "uid_column": ("study instance uid", "studyinstanceuid", "study uid", "uid"),
    "height_column": ("height", "size", "length"),
    "weight_column": ("weight", "mass"),
}


class SizeCsvUploadForm(forms.Form):
    csv_file = forms.FileField(
        label="CSV file",
        help_text="UTF-8 CSV with a title row (Excel: Save As, 'CSV UTF-8').",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,text/csv"}),
    )

    def clean_csv_file(self):
        uploaded = self.cleaned_data["csv_file"]
        try:
            check_file_size(uploaded.size, uploaded.name)
        except PatientSizeCsvError as error:
            raise forms.ValidationError(str(error))
        return uploaded


def _guess(titles: list[str], words: tuple[str, ...]) -> str:
    for word in words:
        for title in titles:
            if word in title.lower():
                return title
    return ""


class SizeColumnsForm(forms.Form):
    """Which column holds the study identifier, height (cm) and weight (kg); choices come from the file."""

    id_column = forms.ChoiceField(label="Study identifier column")
    id_type = forms.ChoiceField(
        label="The identifier is",
        choices=[(IdType.ACCESSION.value, "Accession number"), (IdType.STUDY_UID.value, "Study Instance UID")],
        widget=forms.RadioSelect,
        initial=IdType.ACCESSION.value,
    )
    height_column = forms.ChoiceField(label="Height column (cm)", required=False)
    weight_column = forms.ChoiceField(label="Weight column (kg)", required=False)

    def __init__(self, *args, titles: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        columns = [(title, title) for title in titles if title]
        self.fields["id_column"].choices = [("", "Choose a column")] + columns
        self.fields["height_column"].choices = [("", "No height column")] + columns
        self.fields["weight_column"].choices = [("", "No weight column")] + columns
        if not self.is_bound:
            guessed_id = _guess(titles, _GUESS_WORDS["id_column"])
            guessed_uid = _guess(titles, _GUESS_WORDS["uid_column"])
            self.initial.setdefault("id_column", guessed_id or guessed_uid)
            if guessed_uid and not guessed_id:
                self.initial.setdefault("id_type", IdType.STUDY_UID.value)
            self.initial.setdefault("height_column", _guess(titles, _GUESS_WORDS["height_column"]))
            self.initial.setdefault("weight_column", _guess(titles, _GUESS_WORDS["weight_column"]))

    def clean(self):
        cleaned = super().clean()
        height, weight = cleaned.get("height_column"), cleaned.get("weight_column")
        if not height and not weight:
            raise forms.ValidationError("Choose a height column, a weight column or both.")
        chosen = [column for column in (cleaned.get("id_column"), height, weight) if column]
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError("Choose a different column for each of identifier, height and weight.")
        return cleaned
