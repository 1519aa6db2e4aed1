"""Template filters and tags that show stored values: every quantity through remapp.quantities.

``{{ event.dlp_mgycm|quantity:"dlp" }}`` shows a stored value in its display unit with its decimals;
``{% heading "dap" "Total DAP" %}`` writes "Total DAP (cGy.cm²)"; ``{% unit "dap" %}`` writes "cGy.cm²".
"""

from django import template

from remapp import quantities
from remapp.interface import display

register = template.Library()


@register.filter
def quantity(value, name):
    """A stored value of the named quantity as page text; empty when not recorded."""
    return quantities.format_stored(name, value)


@register.simple_tag
def heading(name, label=None):
    """A column heading with the quantity's display unit."""
    return quantities.quantity(name).heading(label)


@register.simple_tag
def unit(name):
    """The quantity's display unit as headings write it."""
    return quantities.quantity(name).unit_label


@register.filter
def time_since(when):
    """'3 minutes ago' from an aware datetime."""
    return display.time_since(when)


@register.filter
def concept(coded):
    """A coded concept's meaning, or an empty string."""
    return coded.code_meaning if coded is not None else ""
