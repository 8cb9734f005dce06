"""The newsroom's roles, as Django groups, and what each may do.

Migration 0002 creates the groups from these tables; tests check the
server enforces them. Names are what the newsroom sees in the admin.
"""

REPORTER = "مراسل"
EDITOR = "محرر"
CHIEF_EDITOR = "رئيس التحرير"

_REPORTER = [
    "wagtailadmin.access_admin",
    "newsroom.add_article",
    "newsroom.view_article",
    "newsroom.add_tag",
    "newsroom.view_tag",
    "newsroom.view_section",
    "newsroom.view_author",
]
_EDITOR = [
    *_REPORTER,
    "newsroom.change_article",
    "newsroom.delete_article",
    "newsroom.publish_article",
    "newsroom.lock_article",
    "newsroom.unlock_article",
    "newsroom.change_tag",
    "newsroom.delete_tag",
]
_CHIEF_EDITOR = [
    *_EDITOR,
    "newsroom.add_section",
    "newsroom.change_section",
    "newsroom.delete_section",
    "newsroom.add_author",
    "newsroom.change_author",
    "newsroom.delete_author",
    "auth.add_user",
    "auth.change_user",
    "auth.delete_user",
    "auth.view_user",
]

#: role -> model permissions ("app_label.codename")
PERMISSIONS = {REPORTER: _REPORTER, EDITOR: _EDITOR, CHIEF_EDITOR: _CHIEF_EDITOR}

#: role -> front-page permissions (khabar/newsroom/frontpage.py), granted
#: by migration 0008, which makes the model; reporters get none.
FRONT_PAGE_PERMISSIONS = {
    role: [
        f"newsroom.{action}_frontpage" for action in ("add", "change", "delete", "view")
    ]
    for role in (EDITOR, CHIEF_EDITOR)
}

#: role -> image-library permissions on the root collection
IMAGE_PERMISSIONS = {
    REPORTER: ["add_image", "choose_image"],
    EDITOR: ["add_image", "choose_image", "change_image"],
    CHIEF_EDITOR: ["add_image", "choose_image", "change_image", "delete_image"],
}

#: roles whose members approve articles in the review workflow
APPROVERS = [EDITOR, CHIEF_EDITOR]
WORKFLOW_NAME = "مراجعة التحرير"
TASK_NAME = "موافقة المحرر"
