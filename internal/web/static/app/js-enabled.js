// Marks the page as having JavaScript before it is drawn, as GOV.UK
// Frontend's template does inline; a file keeps the CSP free of
// 'unsafe-inline'.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
