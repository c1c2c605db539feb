"""oncall.export"""
