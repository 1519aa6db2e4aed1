"""Export studies to CSV or XLSX from the command line (for scheduled exports), with the list pages' filters."""

from pathlib import Path

from django.core.management.base import CommandError
from django.http import QueryDict

from remapp.exports.registry import EXPORT_SPECS, UnknownExport, get_spec
from remapp.exports.runner import write_export
from remapp.interface.filters import filtered_studies, filterset_for
from remapp.management.base import DataCommand


def build_query(filters: list[str], query: str, modality: str) -> QueryDict:
    """The list-page query from ``key=value`` filters and a query string; unknown keys and bad values are errors."""
    data = QueryDict(query or "", mutable=True)
    for item in filters:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise CommandError(f"--filter '{item}' is not key=value")
        data.appendlist(key.strip(), value)
    # page and per_page come with a query string copied from a list page; they select no studies.
    known = set(filterset_for(modality).base_filters) | {"page", "per_page"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise CommandError(f"unknown filter {', '.join(unknown)}: choose from {', '.join(sorted(known))}")
    # The list page's own FilterSet judges the values: a list page ignores a value it cannot read (and shows
    # every study), which a scheduled export must not do silently.
    filterset = filterset_for(modality)(data)
    if not filterset.is_valid():
        problems = [f"{name}={data.get(name)!r} ({' '.join(messages)})" for name, messages in filterset.errors.items()]
        raise CommandError(f"invalid filter value{'s' if len(problems) > 1 else ''} {'; '.join(problems)}")
    return data


class Command(DataCommand):
    help = (
        "Write a CT, fluoroscopy (rf), mammography (mg), NHSBSP mammography (nhsbsp) or radiography (dx) export "
        "to FILE, selecting studies with the same filters as the list pages, e.g. "
        "openrem_export ct --format xlsx -o ct.xlsx --filter date_from=2024-01-01 --filter study_description=head"
    )

    def add_arguments(self, parser):
        parser.add_argument("export", choices=list(EXPORT_SPECS), help="which export")
        parser.add_argument("--format", dest="export_format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("-o", "--output", required=True, help="file to write (replaced if it exists)")
        parser.add_argument(
            "--filter", dest="filters", action="append", default=[], metavar="KEY=VALUE", help="a list-page filter"
        )
        parser.add_argument("--query", default="", help="a list page's query string, e.g. 'dlp_min=500&ordering=-x'")

    def handle(self, *args, export, export_format, output, filters, query, **options):
        try:
            spec = get_spec(export, export_format)
        except UnknownExport as exc:
            raise CommandError(str(exc))
        path = Path(output).expanduser().resolve()
        if not path.parent.is_dir():
            raise CommandError(f"{output}: folder {path.parent} does not exist")
        if path.is_dir():
            raise CommandError(f"{output}: is a folder; give a file name")
        studies = filtered_studies(spec.modality, build_query(filters, query, spec.modality))
        total = studies.count()

        def report(done: int) -> None:
            if options["verbosity"] >= 2:
                self.stderr.write(f"Writing study {done} of {total}")

        written = write_export(spec, export_format, studies, path, after_chunk=report)
        self.stdout.write(f"Wrote {written} {spec.label} stud{'y' if written == 1 else 'ies'} to {path}")
