"""Missing registered sex offenders: cleaning, analysis and reporting of FOI returns."""
