from django.urls import URLPattern, path

from families import views

app_name = "families"
urlpatterns: list[URLPattern] = [
    path("", views.home, name="home"),
    path("revisione/", views.centre_review, name="centre_review"),
    path("contatti/nuovo/", views.contact_quick, name="contact_quick"),
    path("elenco/", views.family_list, name="family_list"),
    path("nuova/", views.family_create, name="family_create"),
    path("<uuid:pk>/", views.family_detail, name="family_detail"),
    path("<uuid:pk>/persone/nuova/", views.person_add, name="person_add"),
    path("<uuid:pk>/modifica/", views.family_edit, name="family_edit"),
    path("persone/<uuid:pk>/modifica/", views.person_edit, name="person_edit"),
    path("persone/<uuid:pk>/sposta/", views.person_move, name="person_move"),
    path("<uuid:pk>/unisci/<uuid:other>/", views.family_merge, name="family_merge"),
    path("<uuid:pk>/scheda/", views.scheda_open, name="scheda_open"),
    path("<uuid:pk>/consensi/nuovo/", views.consent_add, name="consent_add"),
    path("<uuid:pk>/consensi/<uuid:consent_id>/revoca/", views.consent_withdraw, name="consent_withdraw"),
    path("<uuid:pk>/invii/nuovo/", views.referral_create, name="referral_create"),
    path("<uuid:pk>/esporta/", views.family_export, name="family_export"),
    path("<uuid:pk>/esporta.pdf", views.family_export_pdf, name="family_export_pdf"),
    path("invii-ricevuti/", views.referrals_received, name="referrals_received"),
    path("invii-ricevuti/<uuid:pk>/", views.referral_received, name="referral_received"),
    path("<uuid:pk>/anonimizza/", views.family_anonymise, name="family_anonymise"),
    path("schede/<uuid:pk>/", views.scheda_detail, name="scheda_detail"),
    path("schede/<uuid:pk>/interventi/", views.intervention_add, name="intervention_add"),
    path("schede/<uuid:pk>/pdf/", views.scheda_pdf, name="scheda_pdf"),
    path("schede/<uuid:pk>/enti/", views.body_add, name="body_add"),
    path("schede/<uuid:pk>/integrata/", views.followup_add, name="followup_add"),
    path("integrate/<uuid:pk>/", views.followup_detail, name="followup_detail"),
    path("invii/<uuid:pk>/", views.referral_detail, name="referral_detail"),
    path("invii/<uuid:pk>/stato/", views.referral_transition, name="referral_transition"),
    path("invii/<uuid:pk>/riscontro/", views.referral_feedback, name="referral_feedback"),
]
