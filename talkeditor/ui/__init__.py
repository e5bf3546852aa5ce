"""The Qt user interface of talkeditor; every module that imports Qt lives in this package."""
