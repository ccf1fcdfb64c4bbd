from django.urls import path

from monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("indicatori/<slug:code>/", views.indicator_detail, name="indicator"),
    path("validazione/", views.approval_list, name="approvals"),
    path("validazione/invia/", views.approval_submit, name="approval_submit"),
    path("validazione/<int:pk>/", views.approval_detail, name="approval"),
    path("validazione/<int:pk>/<slug:action>/", views.approval_action, name="approval_action"),
]
