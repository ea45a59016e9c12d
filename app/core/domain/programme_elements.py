"""The statutory elements of a cooperation programme: the one list the registry, the wizard and the
printed resolution share.

art. 5a ust. 4 u.d.p.p.w.: "Roczny program współpracy [...] określa w szczególności: 1) cel główny i
cele szczegółowe programu; 2) zasady współpracy; 3) zakres przedmiotowy; 4) formy współpracy, o
których mowa w art. 5 ust. 2; 5) priorytetowe zadania publiczne; 6) okres realizacji programu;
7) sposób realizacji programu; 8) wysokość środków planowanych na realizację programu; 9) sposób
oceny realizacji programu; 10) informacje o sposobie tworzenia programu oraz o przebiegu konsultacji;
11) tryb powoływania i zasady działania komisji konkursowych do opiniowania ofert w otwartych
konkursach ofert." (domain.md §6.4, [SRC] S41)
"""

from __future__ import annotations

from app.core.i18n import N_

#: art. 5a ust. 4 – the statutory elements, numbered as in the act
ELEMENT_TITLES: dict[int, str] = {
    1: N_("Main and specific objectives of the programme"),
    2: N_("Principles of cooperation"),
    3: N_("Subject scope"),
    4: N_("Forms of cooperation"),
    5: N_("Priority public tasks"),
    6: N_("Period of the programme"),
    7: N_("Way of implementing the programme"),
    8: N_("Amount of funds planned for the programme"),
    9: N_("Way of evaluating the programme's implementation"),
    10: N_("How the programme was created and how the consultation went"),
    11: N_("How competition commissions are appointed and work"),
}
