"""The pygame shell: window, devices, settings, assets, audio and the main loop."""
