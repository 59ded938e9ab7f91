// Web front end: forwards chat messages to a hosted model and tickets to the worker.
import express from 'express';
import { HfInference } from '@huggingface/inference';
import { z } from 'zod';

const hf = new HfInference(process.env.HF_TOKEN);
const app = express();
app.use(express.json());

const Message = z.object({ text: z.string().min(1).max(4000) });

app.post('/chat', async (req, res) => {
  const { text } = Message.parse(req.body);
  const out = await hf.textGeneration({ model: 'mistralai/Mistral-7B-Instruct-v0.3', inputs: text });
  res.json(out);
});

app.listen(3000);
