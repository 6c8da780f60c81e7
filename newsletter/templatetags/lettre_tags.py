"""The short subscription form (e-mail only), shown in the footer and by the subscription block of standard
pages. Loaded by the project's templates (templates/includes/newsletter_footer.html,
templates/blocks/lettre_abonnement.html); the ground floor's Python code never imports newsletter."""

from django import template

from newsletter.consentement import mention

register = template.Library()


@register.inclusion_tag("newsletter/includes/formulaire_court.html", takes_context=True)
def formulaire_abonnement_court(context, prefixe="lettre"):
    request = context.get("request")
    version, texte = mention()
    return {
        "prefixe": prefixe,  # ids stay unique when the footer and a block are on the same page
        "origine": request.path if request else "",
        "version_mention": version,
        "texte_mention": texte,
    }
