"""`list --laws`: each law, its rules and its sources."""

from __future__ import annotations

from ..model.project import Project

RULES = {
    "none": "",
    "vra_county": " + the county's Voting Rights Act language (--county)",
    "workforce_10pct": " + each language read by 10 % or more of the staff (--workforce)",
    "agency_may_add": " + languages the agency adds (--lang)",
    "department_may_add": " + languages the department adds (--lang)",
}
WORDING = {"full": "verified", "partial": "verified in part", "none": "not read: not built"}


def list_laws(project: Project) -> None:
    for law in project.laws.values():
        languages = ", ".join(law.languages.required) + RULES[law.languages.rule]
        print(f"{law.id}: {law.title} ({law.citation})")
        for fmt in law.formats.values():
            size = f"at least {' x '.join(fmt.min_size)}, " if fmt.min_size else ""
            built = f" (built as {fmt.material})" if fmt.material else ""
            number = f", the number at least {fmt.number_min_pt:g} pt" if fmt.number_min_pt else ""
            extras = "".join(
                text
                for flag, text in (
                    (fmt.number_bold, ", the number in bold"),
                    (fmt.bold_body, ", all bold"),
                    (fmt.qr is not None, ", the hotline's QR code"),
                )
                if flag
            )
            print(f"  {fmt.name}: {size}type at least {fmt.min_type_pt:g} pt{number}{extras}{built}")
        print(f"  {'a separate sign per language' if law.languages.separate_signs else 'one sign'}: {languages}")
        owner = {
            "statute": "the statute's wording",
            "agency": "wording owned by " + (law.agency or "an agency"),
            "elements": "content set by the law; the wording is this project's",
        }[law.wording_owner]
        print(f"  {owner}: {WORDING[law.verification]}; checked {law.verified}")
        for element in law.elements.values():
            print(f"    - {element.id}: {element.requires}")
        if law.locality:
            print(f"  only in {law.locality} (post --county '{law.locality}')")
        if law.verification != "full" and law.verification_note:
            print(f"  not verified: {' '.join(law.verification_note.split())}")
        print(f"  who: {law.who}")
        print(f"  where: {(' or ' if law.placement_rule == 'any' else ' and ').join(law.placement)}")
        for url, what in law.sources:
            print(f"  source: {url} ({what})")
