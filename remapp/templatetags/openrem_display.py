"""Template filters that show stored DICOM values in display units; the conversions live in interface.display."""

from django import template

from remapp.interface import display

register = template.Library()


@register.filter
def dap_cgycm2(dap_gym2):
    """Stored DAP (Gy.m2) -> cGy.cm2."""
    return display.dap_cgycm2(dap_gym2)


@register.filter
def dose_mgy(dose_gy):
    """Stored dose (Gy) -> mGy."""
    return display.dose_mgy(dose_gy)


@register.filter
def exposure_mas(exposure_uas):
    """Stored exposure (uA.s) -> mAs."""
    return display.exposure_mas(exposure_uas)


@register.filter
def time_since(when):
    """'3 minutes ago' from an aware datetime."""
    return display.time_since(when)


@register.filter
def concept(coded):
    """A coded concept's meaning, or an empty string."""
    return coded.code_meaning if coded is not None else ""
