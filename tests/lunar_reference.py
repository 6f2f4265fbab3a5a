"""Prints the Vietnamese lunar date of every day from 1900-01-01 to 2100-12-31, one per line:
`YYYY-MM-DD day month year leap`, from lunar-vn (PyPI): another author's port of Hồ Ngọc Đức's
algorithm at UTC+7, against which tests/lunar_reference.rs checks the core's converter.

Run by that test through target/e2e-venv (scripts/setup.sh --test installs the package)."""

import datetime as dt
import sys

import lunar_vn

# The package's own default is 7.0; saying it keeps the check on the Vietnamese calendar even if
# that default ever changes.
TIME_ZONE = 7.0


def main() -> None:
    day = dt.date(1900, 1, 1)
    end = dt.date(2100, 12, 31)
    out = []
    while day <= end:
        lunar = lunar_vn.solar_to_lunar(day, time_zone=TIME_ZONE)
        out.append(f"{day.isoformat()} {lunar.day} {lunar.month} {lunar.year} {int(lunar.leap)}")
        day += dt.timedelta(days=1)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
