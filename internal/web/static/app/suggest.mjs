// Search suggestions for the place search form: a progressive enhancement
// following the ARIA combobox pattern (a text input that controls a
// listbox). Without JavaScript, or if the API fails, the plain form works.
const input = document.querySelector('form[role="search"] input#q')

if (input) {
  const form = input.form
  const list = document.createElement('ul')
  list.id = 'q-suggestions'
  list.className = 'app-suggestions'
  list.setAttribute('role', 'listbox')
  list.setAttribute('aria-label', 'Suggested places')
  list.hidden = true
  const status = document.createElement('div')
  status.className = 'govuk-visually-hidden'
  status.setAttribute('role', 'status')
  input.after(list)
  list.after(status)
  input.setAttribute('role', 'combobox')
  input.setAttribute('aria-autocomplete', 'list')
  input.setAttribute('aria-expanded', 'false')
  input.setAttribute('aria-controls', list.id)

  let options = []
  let active = -1
  let timer = 0
  let seq = 0

  const close = () => {
    list.hidden = true
    input.setAttribute('aria-expanded', 'false')
    input.removeAttribute('aria-activedescendant')
    active = -1
  }
  const highlight = (i) => {
    options.forEach((o, j) => o.el.setAttribute('aria-selected', String(i === j)))
    active = i
    if (i >= 0) {
      input.setAttribute('aria-activedescendant', options[i].el.id)
      options[i].el.scrollIntoView({ block: 'nearest' })
    } else {
      input.removeAttribute('aria-activedescendant')
    }
  }
  const go = (i) => { window.location.assign(options[i].href) }

  const show = (areas) => {
    list.replaceChildren()
    options = areas.map((a, i) => {
      const el = document.createElement('li')
      el.id = 'q-suggestion-' + i
      el.className = 'app-suggestions__option'
      el.setAttribute('role', 'option')
      el.setAttribute('aria-selected', 'false')
      el.textContent = a.name + ' (' + a.code + ')'
      el.addEventListener('mousedown', (e) => { e.preventDefault(); go(i) })
      list.append(el)
      return { el, href: a.web_url }
    })
    active = -1
    if (options.length) {
      list.hidden = false
      input.setAttribute('aria-expanded', 'true')
    } else {
      close()
    }
    status.textContent = options.length === 1 ? '1 suggestion' : options.length + ' suggestions'
  }

  const suggest = async () => {
    const q = input.value.trim()
    const mine = ++seq
    if (q.length < 2) { close(); options = []; return }
    try {
      const res = await fetch('/api/v1/search?q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
      if (!res.ok || mine !== seq) return
      const body = await res.json()
      if (mine === seq) show(body.areas || [])
    } catch {
      close()
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(suggest, 150)
  })
  input.addEventListener('keydown', (e) => {
    if (list.hidden && e.key !== 'ArrowDown') return
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault()
        if (list.hidden && options.length) { list.hidden = false; input.setAttribute('aria-expanded', 'true') }
        highlight(Math.min(active + 1, options.length - 1))
        break
      case 'ArrowUp':
        e.preventDefault()
        highlight(Math.max(active - 1, -1))
        break
      case 'Enter':
        if (active >= 0) { e.preventDefault(); go(active) }
        break
      case 'Escape':
        e.preventDefault()
        close()
        break
    }
  })
  input.addEventListener('blur', () => { setTimeout(close, 100) })
  // Enter on a highlighted suggestion opens it rather than searching.
  form.addEventListener('submit', (e) => {
    if (!list.hidden && active >= 0) {
      e.preventDefault()
      go(active)
      return
    }
    close()
  })
}
