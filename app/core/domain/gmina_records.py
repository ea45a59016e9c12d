"""The gmina profile's record and input (re-exported by app.core.domain.records).

Their own module: the window's title and the Pulpit read the profile at every start, and importing
the records module's dozens of dataclasses cost tens of milliseconds on the way to the first figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.domain.enums import ExecutiveTitle, JstType


@dataclass(frozen=True)
class GminaRecord:
    id: int
    name: str
    jst_type: JstType
    executive_title: ExecutiveTitle
    council_name: str
    street: str
    postal_code: str
    city: str
    voivodeship: str
    teryt: str
    nip: str
    regon: str
    email: str
    phone: str
    bip_url: str
    has_logo: bool
    logo_filename: str
    is_demo: bool
    #: the name in the genitive, dative and locative ("" = derived from the name when it can be)
    name_genitive: str = ""
    name_dative: str = ""
    name_locative: str = ""


@dataclass
class GminaInput:
    name: str = ""
    jst_type: JstType | str | None = JstType.GMINA_WIEJSKA
    executive_title: ExecutiveTitle | str | None = ExecutiveTitle.WOJT
    council_name: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    voivodeship: str = ""
    teryt: str = ""
    nip: str = ""
    regon: str = ""
    email: str = ""
    phone: str = ""
    bip_url: str = ""
    #: None = keep the stored logo; b"" = remove it; bytes = new image
    logo: bytes | None = None
    logo_filename: str = ""
    is_demo: bool = False
    name_genitive: str = ""
    name_dative: str = ""
    name_locative: str = ""
