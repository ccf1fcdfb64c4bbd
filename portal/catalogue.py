"""Public names of the service catalogue and of the scheda's needs, through gettext so that the
portal shows them in the visitor's language (the Italian text mirrors network/data/service_catalogue.csv's
plain-language column)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

AREA_NAMES: dict[str, Promise] = {
    "informazione-orientamento": _(
        "Informazioni e orientamento: ti ascoltiamo e ti aiutiamo a trovare il servizio giusto"
    ),
    "sostegno-genitorialita": _("Aiuto per essere genitori, anche nei momenti di cambiamento"),
    "risorse-famiglia-comunita": _("Sostegno a chi si prende cura di un familiare"),
    "laboratori-socializzazione": _("Laboratori e attività per adulti e bambini"),
    "sensibilizzazione-comunita": _("Incontri e iniziative nel quartiere e nelle scuole"),
    "conciliazione-carichi-cura": _("Aiuto per conciliare lavoro e famiglia"),
    "transizioni-ciclo-vita": _("Sostegno nei momenti difficili: adolescenza, malattia, separazione, lutto"),
    "poverta-educativa": _("Attività per ragazzi, anche su uso sicuro di internet"),
    "invecchiamento-attivo": _("Attività per le persone anziane"),
    "attivita-territoriali": _("Sportelli e attività su temi specifici"),
    "spazi-socializzazione": _("Spazi per incontrarsi"),
    "spazi-ascolto": _("Uno spazio per parlare e farsi ascoltare"),
    "ascolto-tempestivo": _("Ascolto senza appuntamento per ragazzi e genitori"),
    "competenze-genitoriali": _("Percorsi per genitori"),
    "attivita-ricreative-culturali": _("Attività ricreative e culturali"),
    "gruppi-auto-mutuo-aiuto": _("Gruppi di famiglie che si aiutano"),
    "incontri-intergenerazionali": _("Incontri tra generazioni"),
    "formazione-operatori": _("Formazione per gli operatori della rete"),
}

NEED_NAMES: dict[str, Promise] = {
    "informazione": _("informazioni sui servizi"),
    "competenze_genitoriali": _("essere genitori"),
    "prima_infanzia": _("gravidanza e primi anni di vita"),
    "adolescenza": _("adolescenza"),
    "conflitto_coppia": _("difficoltà di coppia e separazione"),
    "caregiving": _("cura di un familiare"),
    "economico": _("difficoltà economiche"),
    "abitativo": _("casa"),
    "lavoro": _("lavoro e famiglia"),
    "isolamento": _("solitudine"),
    "disabilita": _("disabilità"),
    "lingua": _("lingua e nuovo arrivo in Italia"),
}

# Entry points by life situation on the home page: each is a search with a ready query.
SITUATIONS: list[tuple[str, Promise, str]] = [
    ("attesa", _("Aspettiamo un bambino"), "aspettiamo un bambino"),
    ("piccoli", _("Bambini piccoli"), "bambini piccoli"),
    ("adolescenti", _("Figli adolescenti"), "adolescente"),
    ("separazione", _("Ci stiamo separando"), "separazione"),
    ("cura", _("Mi prendo cura di un anziano o di un familiare con disabilità"), "anziano disabile caregiver"),
    ("lavoro", _("Lavoro e famiglia"), "conciliare lavoro"),
    ("arrivo", _("Siamo appena arrivati in Italia"), "appena arrivati"),
]


def area_name(code: str, fallback: str = "") -> str:
    name = AREA_NAMES.get(code)
    return str(name) if name is not None else fallback


def need_name(code: str) -> str:
    name = NEED_NAMES.get(code)
    return str(name) if name is not None else ""
