-- The language of the bot's own texts per chat (issue 15, item 7).
-- language: the chat's explicit choice ('vi', 'en'), NULL until it makes one; it wins and is kept.
-- language_code: what the platform last said of the user (Telegram's from.language_code), used
-- while no choice was made.
ALTER TABLE chats ADD COLUMN language VARCHAR(8);
ALTER TABLE chats ADD COLUMN language_code VARCHAR(16);
