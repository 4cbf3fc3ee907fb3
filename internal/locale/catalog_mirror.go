package locale

func init() {
	register(map[string]Text{
		"board.cannot_pin": {
			"⚠️ Tocsin ne peut pas épingler ce tableau : donnez-lui la permission « Épingler des messages » sur ce salon.",
			"⚠️ Tocsin cannot pin this board: give it the “Pin Messages” permission on this channel.",
		},
		"reply.published_confirmed": {
			"📣 Communiqué n° %d publié dans <#%s>.",
			"📣 Update #%d published in <#%s>.",
		},
	})
}
