"""remapp.physics stays pure: importing every module loads no Django."""

import subprocess
import sys

MODULES = ["age_bands", "deviation_index", "effective_dose", "k_factors", "phantoms", "regions", "ssde", "tables"]


def test_importing_the_physics_package_loads_no_django():
    imports = "; ".join(f"import remapp.physics.{name}" for name in MODULES)
    code = f"import sys; {imports}; print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"

    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert completed.stdout.strip() == "[]"
