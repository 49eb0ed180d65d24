"""Pictures the app draws itself as SVG text: the parts map, the cycle map, the 8 Cs chart.

Pure functions from domain objects to a string, so they are tested without a browser and work
without JavaScript. Every label a person wrote passes through ``svg.text`` (escaped), and every
picture scales to the width of a phone.
"""
