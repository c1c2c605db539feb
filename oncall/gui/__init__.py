"""oncall.gui"""
