"""oncall.feeds"""
