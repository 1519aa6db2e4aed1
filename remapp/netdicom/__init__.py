"""The built-in DICOM store node: a pynetdicom Storage SCP that writes received objects to a holding folder and
hands each to the import task queue. The network threads only write files; imports run elsewhere."""
