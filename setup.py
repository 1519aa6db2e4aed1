"""Install OpenREM: the Django project, the remapp package and the command-line importers."""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).parent
version = {}
exec((HERE / "remapp" / "version.py").read_text(), version)
requirements = [
    line.strip()
    for line in (HERE / "requirements.txt").read_text().splitlines()
    if line.strip() and not line.startswith("#")
]

setup(
    name="openrem",
    version=version["__version__"],
    description="Radiation exposure monitoring: DICOM dose objects in, a filterable, exportable database out",
    long_description=(HERE / "README.rst").read_text(),
    long_description_content_type="text/x-rst",
    license="GPL-3.0-or-later",
    python_requires=">=3.11",
    packages=find_packages(include=["remapp", "remapp.*", "openremproject", "scripts"]),
    include_package_data=True,
    package_data={"remapp": ["templates/**/*", "static/**/*"]},
    install_requires=requirements,
    entry_points={
        "console_scripts": [
            "openrem_rdsr.py=scripts.openrem_rdsr:main",
            "openrem_mg.py=scripts.openrem_mg:main",
            "openrem_dx.py=scripts.openrem_dx:main",
            "openrem_ctphilips.py=scripts.openrem_ctphilips:main",
            "openrem_import.py=scripts.openrem_import:main",
            "openrem_ptsizecsv.py=scripts.openrem_ptsizecsv:main",
        ]
    },
    classifiers=[
        "Framework :: Django :: 5.2",
        "Programming Language :: Python :: 3",
        "Topic :: Scientific/Engineering :: Medical Science Apps.",
    ],
)
